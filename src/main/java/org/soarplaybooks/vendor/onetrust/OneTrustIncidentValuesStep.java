package org.soarplaybooks.vendor.onetrust;

import java.util.Map;
import org.soarplaybooks.vendor.IncidentValuesStep;

/**
 * The step of kamelet {@code onetrust-incident-values-action}: its properties ({@code incidentId}, {@code notificationNeeded};
 * literals or Simple) evaluated on the incident, then {@link OneTrustRequests#incidentValues}.
 */
public final class OneTrustIncidentValuesStep extends IncidentValuesStep {

    private static final OneTrustRequests REQUESTS = new OneTrustRequests();

    public OneTrustIncidentValuesStep() {
        super("incidentId", "notificationNeeded");
    }

    public void setIncidentId(String v) {
        set("incidentId", v);
    }

    public void setNotificationNeeded(String v) {
        set("notificationNeeded", v);
    }

    @Override
    protected Object apply(Map<String, Object> incident, String[] v) {
        return REQUESTS.incidentValues(incident, v[0], v[1]);
    }
}
