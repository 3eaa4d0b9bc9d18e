package org.soarplaybooks.vendor.onetrust;


/**
 * The input of the {@code onetrust-update-incident-action} Kamelet: which incident, and what changes. JSON:
 * <pre>{"incidentId": "f7114aef-b6b6-42d6-9249-56a467950aa7", "changes": {"notificationNeeded": "YES"}}</pre>
 *
 * @param incidentId the OneTrust incident uuid (path parameter {@code incidentId})
 * @param changes    the members to change
 */
public record OneTrustIncidentChange(String incidentId, IncidentChanges changes) {
}
