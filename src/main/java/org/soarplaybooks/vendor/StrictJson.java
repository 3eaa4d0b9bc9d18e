package org.soarplaybooks.vendor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads what a playbook put in the body (typed object, JSON text or bytes, map) into an action's input type,
 * refusing members the type does not have: a misspelt change (say {@code "notificationNeed"}) must fail loudly
 * rather than be dropped and leave the vendor record untouched. Times are ISO-8601 ({@code JavaTimeModule}).
 */
public final class StrictJson {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StrictJson() {
    }

    /**
     * @throws IllegalArgumentException naming the type and Jackson's reason (e.g. the unknown member) when the
     *                                  body is not a {@code type}
     */
    public static <T> T convert(Object body, Class<T> type) {
        if (type.isInstance(body)) {
            return type.cast(body);
        }
        if (body == null) {
            throw new IllegalArgumentException("the message body is empty, expected a " + type.getSimpleName());
        }
        try {
            if (body instanceof byte[] b) {
                return STRICT.readValue(b, type);
            }
            if (body instanceof String s) {
                return STRICT.readValue(s, type);
            }
            return STRICT.convertValue(body, type);
        } catch (Exception e) {
            throw new IllegalArgumentException("the message body is not a " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
