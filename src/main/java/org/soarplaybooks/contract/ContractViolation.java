package org.soarplaybooks.contract;

/**
 * One rule of a vendor's documented request schema that a request body breaks.
 *
 * @param field  JSON Pointer (RFC 6901) of the offending field in the request body, e.g. {@code /status} or
 *               {@code /items/0/id}; {@code ""} for the body as a whole
 * @param rule   the JSON Schema keyword that failed, e.g. {@code enum}, {@code required}, {@code format},
 *               {@code type}, {@code additionalProperties}, {@code minItems}, {@code minProperties}
 * @param value  the offending value as JSON text ({@code "Open"} with its quotes, {@code null}, {@code 42},
 *               {@code {...}}), cut to 200 characters; null when the field is absent (rule {@code required})
 * @param reason what is wrong, for people, e.g. {@code "Open" is not one of [Active, New, Closed]}
 */
public record ContractViolation(String field, String rule, String value, String reason) {

    /** {@code /status: "Open" is not one of [Active, New, Closed] (enum)}; {@code body: ...} for the root. */
    public String describe() {
        return (field.isEmpty() ? "body" : field) + ": " + reason + " (" + rule + ")";
    }
}
