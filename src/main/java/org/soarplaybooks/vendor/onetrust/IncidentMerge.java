package org.soarplaybooks.vendor.onetrust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the full {@link IncidentUpdateRequest} for OneTrust's replacing PUT from the incident as read (GET) and
 * the playbook's {@link IncidentChanges}. api-docs/onetrust-update-incident.md: "If any attribute value is missing
 * in the JSON array, the existing value for that attribute will be overridden, and the attribute will have empty
 * values" — so everything the incident has is sent back unless the playbook changes it.
 *
 * <table>
 *   <caption>Where each request member comes from</caption>
 *   <tr><td>{@code name}, {@code description}, {@code incidentTypeName}, {@code dateOccurred},
 *       {@code dateDiscovered}, {@code deadline}, {@code rootCause}, {@code notificationNeeded}</td>
 *       <td>the change when set, else the incident's value</td></tr>
 *   <tr><td>{@code orgGroupId}</td><td>the incident's</td></tr>
 *   <tr><td>{@code sourceType}</td><td>the incident's; {@code NONE} (answers only) or any value the request enum
 *       lacks is left out, so OneTrust's default ({@code MANUAL}) applies</td></tr>
 *   <tr><td>{@code attributeValues}</td><td>every attribute of the incident (values without
 *       {@code attributeName}), then each attribute named in the change replaced by the change's list</td></tr>
 *   <tr><td>{@code incidentAssigneeRequests}</td><td>{@code incidentAssigneeInformation[]} as
 *       {@code {assigneeId, type}}; when that list is absent, the single {@code assigneeId} as a {@code USER};
 *       left out when the incident has no assignee</td></tr>
 *   <tr><td>{@code jurisdictions}</td><td>{@code jurisdictions[]} as {@code {jurisdictionId, countryCode,
 *       stateProvinceCode}}; left out (not emptied) when the answer has none, because the documented GET schema
 *       ({@code IncidentDetails}) has no {@code jurisdictions} member</td></tr>
 * </table>
 * Times set by the change are written as ISO-8601 UTC ({@code 2025-05-02T17:00:00Z}).
 */
public final class IncidentMerge {

    private IncidentMerge() {
    }

    /**
     * @param current the incident as read; must carry {@code name}, {@code incidentTypeName} and {@code orgGroupId}
     *                (checked by {@link OneTrustActions#readIncident})
     * @param changes what to change; null changes nothing
     */
    public static IncidentUpdateRequest merge(IncidentInformation current, IncidentChanges changes) {
        IncidentChanges c = changes == null
                ? new IncidentChanges(null, null, null, null, null, null, null, null, null) : changes;
        return new IncidentUpdateRequest(
                pick(c.name(), current.name()),
                pick(c.description(), current.description()),
                pick(c.incidentTypeName(), current.incidentTypeName()),
                current.orgGroupId(),
                pick(c.dateOccurred(), current.dateOccurred()),
                pick(c.dateDiscovered(), current.dateDiscovered()),
                pick(c.deadline(), current.deadline()),
                sourceType(current.sourceType()),
                pick(c.rootCause(), current.rootCause()),
                c.notificationNeeded() != null ? c.notificationNeeded() : notificationNeeded(current.notificationNeeded()),
                attributeValues(current.attributeValues(), c.attributeValues()),
                assignees(current),
                jurisdictions(current.jurisdictions()));
    }

    /** {@code NONE}, blank or unknown → null (left out); otherwise the request enum value. */
    static IncidentSourceType sourceType(String received) {
        if (received == null || received.isBlank()) {
            return null;
        }
        try {
            return IncidentSourceType.valueOf(received.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException noneOrUnknown) {
            return null;
        }
    }

    private static NotificationNeededType notificationNeeded(String received) {
        if (received == null || received.isBlank()) {
            return null;
        }
        try {
            return NotificationNeededType.valueOf(received.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static String pick(String change, String current) {
        return change != null ? change : current;
    }

    private static String pick(Instant change, String current) {
        return change != null ? change.toString() : current;
    }

    private static Map<String, List<AttributeValueInformation>> attributeValues(
            Map<String, List<NamedAttributeValueInformation>> current,
            Map<String, List<AttributeValueInformation>> changes) {
        Map<String, List<AttributeValueInformation>> merged = new LinkedHashMap<>();
        if (current != null) {
            current.forEach((name, values) -> merged.put(name, values == null ? List.of()
                    : values.stream().map(NamedAttributeValueInformation::toRequest).toList()));
        }
        if (changes != null) {
            changes.forEach((name, values) -> merged.put(name, values == null ? List.of() : List.copyOf(values)));
        }
        return merged.isEmpty() && current == null ? null : merged;
    }

    private static List<IncidentAssigneeRequest> assignees(IncidentInformation current) {
        List<IncidentAssigneeRequest> out = new ArrayList<>();
        if (current.incidentAssigneeInformation() != null) {
            for (IncidentAssigneeInformation a : current.incidentAssigneeInformation()) {
                if (a != null && a.assigneeId() != null) {
                    out.add(new IncidentAssigneeRequest(a.assigneeId(), null, assigneeType(a.type())));
                }
            }
        } else if (current.assigneeId() != null) {
            out.add(new IncidentAssigneeRequest(current.assigneeId(), null, AssigneeType.USER));
        }
        return out.isEmpty() ? null : out;
    }

    private static AssigneeType assigneeType(String received) {
        return received != null && "GROUP".equalsIgnoreCase(received.trim()) ? AssigneeType.GROUP : AssigneeType.USER;
    }

    private static List<IncidentJurisdictionCreateRequest> jurisdictions(
            List<IncidentJurisdictionGuidanceInformation> current) {
        if (current == null) {
            return null;
        }
        return current.stream().filter(j -> j != null).map(IncidentJurisdictionGuidanceInformation::toRequest)
                .toList();
    }
}
