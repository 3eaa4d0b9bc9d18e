package org.soarplaybooks.vendor.onetrust;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a playbook changes on a OneTrust incident: only the members it sets (non-null) change; everything else is
 * written back as read (see {@link IncidentMerge}). Member names are those of {@code IncidentUpdateRequest}
 * (api-docs/onetrust-update-incident.md). JSON example:
 * <pre>{"notificationNeeded": "YES", "rootCause": "Mail auto-complete picked the wrong recipient",
 *  "deadline": "2025-05-02T17:00:00Z", "attributeValues": {"Breach Confirmed": [{"value": "Yes"}]}}</pre>
 *
 * @param name               new name
 * @param description        new description
 * @param incidentTypeName   new incident type, e.g. {@code Misdirected Email}
 * @param dateOccurred       new occurrence time (UTC)
 * @param dateDiscovered     new discovery time (UTC)
 * @param deadline           new deadline (UTC)
 * @param rootCause          new root cause summary
 * @param notificationNeeded new notification decision
 * @param attributeValues    custom attributes to set: each named attribute gets exactly these values (the other
 *                           attributes keep theirs); an empty list empties that attribute
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IncidentChanges(
        String name,
        String description,
        String incidentTypeName,
        Instant dateOccurred,
        Instant dateDiscovered,
        Instant deadline,
        String rootCause,
        NotificationNeededType notificationNeeded,
        Map<String, List<AttributeValueInformation>> attributeValues) {

    /** True when the playbook set nothing. */
    @JsonIgnore
    public boolean isEmpty() {
        return name == null && description == null && incidentTypeName == null && dateOccurred == null
                && dateDiscovered == null && deadline == null && rootCause == null && notificationNeeded == null
                && (attributeValues == null || attributeValues.isEmpty());
    }
}
