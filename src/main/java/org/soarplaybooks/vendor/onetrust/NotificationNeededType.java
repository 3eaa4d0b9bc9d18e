package org.soarplaybooks.vendor.onetrust;

/**
 * Whether a notification (to an authority or to affected individuals) is required for a OneTrust incident
 * (schema {@code NotificationNeededType}, default {@code UNKNOWN}; api-docs/onetrust-update-incident.md).
 */
public enum NotificationNeededType {
    YES,
    NO,
    UNKNOWN
}
