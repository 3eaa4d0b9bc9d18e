package org.soarplaybooks.vendor.sentinelone;

import java.util.Map;
import org.soarplaybooks.vendor.IncidentValuesStep;

/**
 * The step of kamelet {@code sentinelone-threat-incident-values-action}: its properties {@code threatId},
 * {@code incidentStatus}, {@code analystVerdict} (literals or Simple) evaluated on the incident, then
 * {@link SentinelOneRequests#threatValues}.
 */
public final class ThreatIncidentValuesStep extends IncidentValuesStep {

    private static final SentinelOneRequests REQUESTS = new SentinelOneRequests();

    public ThreatIncidentValuesStep() {
        super("threatId", "incidentStatus", "analystVerdict");
    }

    public void setThreatId(String v) {
        set("threatId", v);
    }

    public void setIncidentStatus(String v) {
        set("incidentStatus", v);
    }

    public void setAnalystVerdict(String v) {
        set("analystVerdict", v);
    }

    @Override
    protected Object apply(Map<String, Object> incident, String[] v) {
        return REQUESTS.threatValues(incident, v[0], v[1], v[2]);
    }
}
