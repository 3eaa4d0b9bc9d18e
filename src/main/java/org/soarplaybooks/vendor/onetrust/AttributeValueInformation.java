package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One value of a custom attribute in an {@code IncidentUpdateRequest.attributeValues} list (schema
 * {@code AttributeValueInformation}, api-specs/onetrust-incident-management-update-incident.fragment.json):
 * {@code {"id": "<option uuid>"}} for predefined options or {@code {"value": "text"}}; the schema marks
 * {@code value} as required. Null members are left out of the JSON.
 *
 * @param id                                  uuid of a predefined option
 * @param value                               the value, e.g. {@code "Option Value 1"}
 * @param valueKey                            translation key of the value
 * @param colorCode                           colour of score-based options
 * @param optionSelectionValue                score of score-based or numerical options, e.g. {@code "3.5"}
 * @param displayLabel                        label of options managed by other systems
 * @param associatedAttributeValueInformation linked options
 * @param disabled                            whether the option is disabled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttributeValueInformation(
        String id,
        String value,
        String valueKey,
        String colorCode,
        String optionSelectionValue,
        String displayLabel,
        List<AssociatedAttributeValueInformation> associatedAttributeValueInformation,
        Boolean disabled) {

    /** A free-text (or option-by-value) entry: {@code {"value": "..."}}. */
    public static AttributeValueInformation ofValue(String value) {
        return new AttributeValueInformation(null, value, null, null, null, null, null, null);
    }
}
