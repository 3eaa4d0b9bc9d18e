package org.soarplaybooks.vendor.adversarial;

import java.util.Map;
import org.soarplaybooks.vendor.IncidentValuesStep;

/**
 * The step of kamelet {@code adversarial-incident-values-action}: its properties ({@code incidentId}, {@code status}, {@code threatObjective};
 * literals or Simple) evaluated on the incident, then {@link AdversarialRequests#incidentValues}.
 */
public final class AdversarialIncidentValuesStep extends IncidentValuesStep {

    private static final AdversarialRequests REQUESTS = new AdversarialRequests();

    public AdversarialIncidentValuesStep() {
        super("incidentId", "status", "threatObjective");
    }

    public void setIncidentId(String v) {
        set("incidentId", v);
    }

    public void setStatus(String v) {
        set("status", v);
    }

    public void setThreatObjective(String v) {
        set("threatObjective", v);
    }

    @Override
    protected Object apply(Map<String, Object> incident, String[] v) {
        return REQUESTS.incidentValues(incident, v[0], v[1], v[2]);
    }
}
