package org.soarplaybooks.vendor.adversarial;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * "Relationship, core incident information": {@code incidents[].incident} of the bulk update answer
 * (api-docs/adversarial-bulk-update-incidents.md). Enumerated members ({@code status}, {@code severity}) are kept
 * as received text and times as received ISO-8601 strings, so an undocumented value cannot hide a successful update.
 *
 * @param assigned_to        the assignee, or null
 * @param contained_date     date-time or null
 * @param created_date       date-time
 * @param description        description
 * @param detected_date      date-time
 * @param id                 e.g. {@code INC-00001}
 * @param occurred_date      date-time or null
 * @param opened_by          who opened it
 * @param responded_date     date-time or null
 * @param severity           {@code SEV1}..{@code SEV5} or null
 * @param severity_reasoning text or null
 * @param source             text or null
 * @param status             {@code New|In Progress|Review|Closed}
 * @param title              title
 * @param updated_by         who updated it last
 * @param updated_date       date-time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdversarialIncident(
        AdversarialUser assigned_to,
        String contained_date,
        String created_date,
        String description,
        String detected_date,
        String id,
        String occurred_date,
        AdversarialUser opened_by,
        String responded_date,
        String severity,
        String severity_reasoning,
        String source,
        String status,
        String title,
        AdversarialUser updated_by,
        String updated_date) {
}
