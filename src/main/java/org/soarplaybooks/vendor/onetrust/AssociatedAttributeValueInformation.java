package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An attribute option linked to another option (schema {@code AssociatedAttributeValueInformation},
 * api-specs/onetrust-incident-management-update-incident.fragment.json). Null members are left out of the JSON.
 *
 * @param id        uuid of the option
 * @param value     the value (required by the schema)
 * @param valueKey  translation key of the value
 * @param colorCode colour of score-based options, e.g. {@code red}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssociatedAttributeValueInformation(String id, String value, String valueKey, String colorCode) {
}
