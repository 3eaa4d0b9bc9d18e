package org.soarplaybooks.vendor.sentinelone;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threats an operation applies to: {@code filter} of {@code POST /web/api/v2.1/threats/incident}
 * (api-docs/sentinelone-update-threat-incident.md, input {@code json_body.filter}) and the query filters of
 * {@code GET /web/api/v2.1/threats} (design/vendor-facts.md, "GET /threats for the sync job").
 *
 * <p>The filters our playbooks use are typed members, spelled as on the wire: {@code ids}, {@code siteIds},
 * {@code accountIds}, {@code groupIds} (arrays of ids), {@code createdAt__gt|__gte|__lt|__lte} and
 * {@code updatedAt__gt|__gte|__lt|__lte} (ISO-8601 UTC timestamps as text, e.g. {@code 2024-05-01T10:00:00Z}),
 * {@code incidentStatuses} and {@code analystVerdicts} (arrays of the enums). Any other documented filter key
 * (e.g. {@code agentIds}, {@code classifications}, {@code resolved}) goes into {@link #other()} and is written
 * next to them, unchanged: JSON {@code {"ids": ["123"], "siteIds": ["456"], "agentIsActive": true}}.
 * Null members are left out. The other helper's JSON Schema ({@code schemas/sentinelone-update-threat-incident})
 * checks the keys and value types of a request before it is sent.
 *
 * @param other further filter keys; values are text, numbers, booleans or lists of those
 * @throws IllegalArgumentException (constructor) when {@code other} repeats a typed member's key, has a blank key,
 *                                  or holds a value of another kind (object, list of objects)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThreatFilter(
        List<String> ids,
        List<String> siteIds,
        List<String> accountIds,
        List<String> groupIds,
        String createdAt__gt,
        String createdAt__gte,
        String createdAt__lt,
        String createdAt__lte,
        String updatedAt__gt,
        String updatedAt__gte,
        String updatedAt__lt,
        String updatedAt__lte,
        List<IncidentStatus> incidentStatuses,
        List<AnalystVerdict> analystVerdicts,
        @JsonAnySetter Map<String, Object> other) {

    /** The keys of the typed members (they may not appear in {@link #other()}). */
    public static final Set<String> TYPED_KEYS = Set.of("ids", "siteIds", "accountIds", "groupIds",
            "createdAt__gt", "createdAt__gte", "createdAt__lt", "createdAt__lte",
            "updatedAt__gt", "updatedAt__gte", "updatedAt__lt", "updatedAt__lte",
            "incidentStatuses", "analystVerdicts");

    public ThreatFilter {
        ids = copy(ids);
        siteIds = copy(siteIds);
        accountIds = copy(accountIds);
        groupIds = copy(groupIds);
        incidentStatuses = copy(incidentStatuses);
        analystVerdicts = copy(analystVerdicts);
        Map<String, Object> rest = new LinkedHashMap<>();
        if (other != null) {
            for (Map.Entry<String, Object> e : other.entrySet()) {
                String key = e.getKey();
                if (key == null || key.isBlank()) {
                    throw new IllegalArgumentException("a SentinelOne filter key is blank");
                }
                if (TYPED_KEYS.contains(key)) {
                    throw new IllegalArgumentException("SentinelOne filter key '" + key + "' is given twice");
                }
                if (e.getValue() != null) {
                    rest.put(key, checkValue(key, e.getValue()));
                }
            }
        }
        other = Collections.unmodifiableMap(rest);
    }

    /** A filter selecting exactly these threat ids. */
    public static ThreatFilter ofIds(List<String> ids) {
        return new ThreatFilter(ids, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** A filter selecting nothing in particular (every threat the token may see); narrow it with the withers. */
    public static ThreatFilter none() {
        return ofIds(null);
    }

    /** This filter with {@code ids} replaced. */
    public ThreatFilter withIds(List<String> newIds) {
        return new ThreatFilter(newIds, siteIds, accountIds, groupIds, createdAt__gt, createdAt__gte, createdAt__lt,
                createdAt__lte, updatedAt__gt, updatedAt__gte, updatedAt__lt, updatedAt__lte, incidentStatuses,
                analystVerdicts, other);
    }

    /** This filter with {@code updatedAt__gt} replaced (ISO-8601 UTC, e.g. {@code 2024-05-01T10:00:00.000000Z}). */
    public ThreatFilter withUpdatedAtGt(String timestamp) {
        return new ThreatFilter(ids, siteIds, accountIds, groupIds, createdAt__gt, createdAt__gte, createdAt__lt,
                createdAt__lte, timestamp, updatedAt__gte, updatedAt__lt, updatedAt__lte, incidentStatuses,
                analystVerdicts, other);
    }

    /** The further filter keys, written into the JSON object next to the typed members. */
    @JsonAnyGetter
    @Override
    public Map<String, Object> other() {
        return other;
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : List.copyOf(list);
    }

    private static Object checkValue(String key, Object value) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!isScalar(element)) {
                    throw new IllegalArgumentException("SentinelOne filter '" + key
                            + "' must be a list of text, numbers or booleans");
                }
            }
            return List.copyOf(list);
        }
        if (!isScalar(value)) {
            throw new IllegalArgumentException("SentinelOne filter '" + key
                    + "' must be text, a number, a boolean or a list of those");
        }
        return value;
    }

    private static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
}
