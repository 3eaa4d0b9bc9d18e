package org.soarplaybooks.vendor.onetrust;

/**
 * Whether a OneTrust incident assignee is one user or a group of users ({@code IncidentAssigneeRequest.type},
 * default {@code USER}; api-specs/onetrust-incident-management-update-incident.fragment.json).
 */
public enum AssigneeType {
    USER,
    GROUP
}
