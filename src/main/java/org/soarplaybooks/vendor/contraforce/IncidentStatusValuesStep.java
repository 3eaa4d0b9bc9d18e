package org.soarplaybooks.vendor.contraforce;

import java.util.Map;
import org.soarplaybooks.vendor.IncidentValuesStep;

/**
 * The step of kamelet {@code contraforce-incident-status-values-action}: its properties ({@code workspaceId}, {@code incidentSource}, {@code incidentId}, {@code status}, {@code classification}, {@code classificationReason}, {@code comment};
 * literals or Simple) evaluated on the incident, then {@link ContraForceRequests#statusValues}.
 */
public final class IncidentStatusValuesStep extends IncidentValuesStep {

    public IncidentStatusValuesStep() {
        super("workspaceId", "incidentSource", "incidentId", "status", "classification", "classificationReason", "comment");
    }

    public void setWorkspaceId(String v) {
        set("workspaceId", v);
    }

    public void setIncidentSource(String v) {
        set("incidentSource", v);
    }

    public void setIncidentId(String v) {
        set("incidentId", v);
    }

    public void setStatus(String v) {
        set("status", v);
    }

    public void setClassification(String v) {
        set("classification", v);
    }

    public void setClassificationReason(String v) {
        set("classificationReason", v);
    }

    public void setComment(String v) {
        set("comment", v);
    }

    @Override
    protected Object apply(Map<String, Object> incident, String[] v) {
        return ContraForceRequests.statusValues(incident, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
    }
}
