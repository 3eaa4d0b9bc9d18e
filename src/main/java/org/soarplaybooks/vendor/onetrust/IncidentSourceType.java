package org.soarplaybooks.vendor.onetrust;

/**
 * How a OneTrust incident was created, as an {@code IncidentUpdateRequest} may send it (schema
 * {@code IncidentSourceType}, default {@code MANUAL}; api-specs/onetrust-incident-management-update-incident.fragment.json).
 * The answers ({@code IncidentInformation.sourceType}) may also say {@code NONE}, which cannot be sent back: see
 * {@link IncidentMerge}.
 */
public enum IncidentSourceType {
    MANUAL,
    ASSESSMENT,
    WEBFORM,
    INTEGRATION
}
