package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One value of a custom attribute as the incident answers carry it ({@code IncidentInformation.attributeValues},
 * schema {@code NamedAttributeValueInformation} of OneTrust's Incident Management OpenAPI document): the
 * {@link AttributeValueInformation} members plus {@code attributeName}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NamedAttributeValueInformation(
        String attributeName,
        String id,
        String value,
        String valueKey,
        String colorCode,
        String optionSelectionValue,
        String displayLabel,
        List<AssociatedAttributeValueInformation> associatedAttributeValueInformation,
        Boolean disabled) {

    /** The same value as a request entry (without {@code attributeName}, which the request map key carries). */
    public AttributeValueInformation toRequest() {
        return new AttributeValueInformation(id, value, valueKey, colorCode, optionSelectionValue, displayLabel,
                associatedAttributeValueInformation, disabled);
    }
}
