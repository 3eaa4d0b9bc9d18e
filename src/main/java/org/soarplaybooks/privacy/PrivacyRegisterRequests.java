package org.soarplaybooks.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.soarplaybooks.incident.Incident;
import org.soarplaybooks.incident.SkippedIncident;
import org.soarplaybooks.mapping.MappingException;
import org.soarplaybooks.mapping.PrivacyRegister;
import org.soarplaybooks.mapping.StatusMapping;
import org.soarplaybooks.outcome.ActionItem;
import org.soarplaybooks.outcome.Batch;
import org.soarplaybooks.vendor.adversarial.ThreatObjectiveRelation;
import org.soarplaybooks.vendor.adversarial.UpdateIncidentsRequest;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.Status;
import org.soarplaybooks.vendor.onetrust.IncidentChanges;
import org.soarplaybooks.vendor.onetrust.NotificationNeededType;
import org.soarplaybooks.vendor.onetrust.OneTrustIncidentChange;

/**
 * Builds the privacy-register updates of confirmed breaches (bean {@code privacyRegisterRequests}, playbook
 * {@code confirmed-breach-to-privacy-register}) from ContraForce incidents, through the mapping file's section
 * {@code privacy-register} ({@code config/mapping.yaml}).
 *
 * <p>A confirmed breach is a ContraForce incident {@code Closed} as {@code TruePositive} whose classification reason
 * is listed under {@code privacy-register.dataExposureReasons}. For each, the incident's link
 * ({@code privacy-register.links}) names:
 * <ul>
 *   <li>the OneTrust incident, which gets {@code notificationNeeded: YES} (a {@link OneTrustIncidentChange} for
 *       the {@code onetrust-update-incident-action} Kamelet, which reads the incident, merges and writes it back
 *       whole; api-docs/onetrust-update-incident.md);</li>
 *   <li>the Adversarial incident, which gets the reason's {@code status} and {@code threat_objectives: [{
 *       "threat_objective": ...}]} (an {@link UpdateIncidentsRequest} for the
 *       {@code adversarial-update-incidents-action} Kamelet; api-docs/adversarial-bulk-update-incidents.md). Note
 *       that the PATCH sets the incident's threat objectives to exactly this list.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class PrivacyRegisterRequests {

    /** The OneTrust change of every confirmed breach: {@code {"notificationNeeded": "YES"}}. */
    private static final IncidentChanges NOTIFICATION_NEEDED = new IncidentChanges(null, null, null, null, null,
            null, null, NotificationNeededType.YES, null);

    private final StatusMapping mapping;

    /** @param mapping the checked mapping file (section {@code privacy-register}) */
    public PrivacyRegisterRequests(StatusMapping mapping) {
        this.mapping = mapping;
    }

    /**
     * What {@link #confirmedBreaches} decided for one input.
     *
     * @param onetrust    one OneTrust change per confirmed breach, {@code {"incidentId": "<uuid>", "changes":
     *                    {"notificationNeeded": "YES"}}}, each with one {@link ActionItem} (incident id = the OneTrust
     *                    uuid, key = the ContraForce incident's {@code <source>:<id>}, item = the ContraForce event)
     * @param adversarial one Adversarial PATCH per distinct (status, threat objective), e.g. {@code {"ids":
     *                    ["INC-00002"], "status": "Review", "threat_objectives": [{"threat_objective": "Data
     *                    Disclosure"}]}}, with one {@link ActionItem} per confirmed breach (incident id = the
     *                    {@code INC-} id, key = the ContraForce incident's key)
     * @param skipped     the incidents that are not confirmed breaches, with why, in input order
     */
    public record PrivacyRegisterUpdates(List<Batch<OneTrustIncidentChange>> onetrust,
                                         List<Batch<UpdateIncidentsRequest>> adversarial,
                                         List<SkippedIncident> skipped) {

        public PrivacyRegisterUpdates {
            onetrust = List.copyOf(onetrust);
            adversarial = List.copyOf(adversarial);
            skipped = List.copyOf(skipped);
        }

        /**
         * Identity, not content: Camel looks a {@code ${body.x}} Simple expression's body up in its bean-info cache
         * by hash ({@code BeanInfoCacheKey}), and hashing every incident of a batch there took most of a
         * playbook's CPU under load (seen in the webhook benchmark's profile).
         */
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }

    /**
     * Sorts one input's ContraForce incidents (from {@code normalizers.contraForce}) into confirmed breaches, with
     * their OneTrust and Adversarial updates, and skipped incidents. Of several events about the same incident only
     * the last counts; an incident that is not {@code Closed}, not {@code TruePositive}, or has a classification
     * reason that is not a data-exposure reason is skipped with the reason.
     *
     * <p>From a playbook: {@code method: confirmedBreaches}.
     *
     * @param incidents the incidents of one input, in document order
     * @return the updates and the skipped incidents
     * @throws MappingException when a confirmed breach has no entry under {@code privacy-register.links}; the message
     *         names every such incident (e.g. {@code config/mapping.yaml has no privacy-register.links entry for
     *         ContraForce incident DefenderXDR:924518 (closed as TruePositive, CompromisedUser): add
     *         "DefenderXDR:924518" with its onetrustIncident (OneTrust incident uuid) and adversarialIncident
     *         (INC-...)}); nothing is returned then, so the whole input fails before any call
     */
    public PrivacyRegisterUpdates confirmedBreaches(List<Incident> incidents) {
        PrivacyRegister register = mapping.privacyRegister();
        List<SkippedIncident> skipped = new ArrayList<>();
        List<Batch<OneTrustIncidentChange>> onetrust = new ArrayList<>();
        Map<PrivacyRegister.DataExposure, List<Breach>> byExposure = new LinkedHashMap<>();
        List<Incident> unlinked = new ArrayList<>();
        for (Incident i : SkippedIncident.latestPerIncident(incidents, skipped)) {
            String why = notABreach(i, register);
            if (why != null) {
                skipped.add(SkippedIncident.of(i, why));
                continue;
            }
            PrivacyRegister.Link link = register.link(i.key()).orElse(null);
            if (link == null) {
                unlinked.add(i);
                continue;
            }
            onetrust.add(new Batch<>(new OneTrustIncidentChange(link.onetrustIncident(), NOTIFICATION_NEEDED),
                    List.of(new ActionItem(link.onetrustIncident(), i.key(), i.raw()))));
            byExposure.computeIfAbsent(register.dataExposure(i.classificationReason()).orElseThrow(),
                    e -> new ArrayList<>()).add(new Breach(i, link));
        }
        if (!unlinked.isEmpty()) {
            throw missingLinks(register, unlinked);
        }
        List<Batch<UpdateIncidentsRequest>> adversarial = new ArrayList<>();
        byExposure.forEach((exposure, breaches) -> adversarial.add(adversarialUpdate(exposure, breaches)));
        return new PrivacyRegisterUpdates(onetrust, adversarial, skipped);
    }

    private record Breach(Incident incident, PrivacyRegister.Link link) {
    }

    /** Why an incident is not a confirmed breach, or null when it is one. */
    private static String notABreach(Incident i, PrivacyRegister register) {
        if (!Status.Closed.name().equals(i.status())) {
            return "it is " + i.status() + ", not Closed";
        }
        if (!Classification.TruePositive.name().equals(i.classification())) {
            return i.classification() == null ? "it is closed without a classification, not as TruePositive"
                    : "it is closed as " + i.classification() + ", not TruePositive";
        }
        if (i.classificationReason() == null) {
            return "it is closed as TruePositive without a classification reason";
        }
        if (register.dataExposure(i.classificationReason()).isEmpty()) {
            return "its classification reason " + i.classificationReason() + " is not listed under "
                    + PrivacyRegister.SECTION + ".dataExposureReasons (no personal-data exposure)";
        }
        return null;
    }

    private static Batch<UpdateIncidentsRequest> adversarialUpdate(PrivacyRegister.DataExposure exposure,
                                                                   List<Breach> breaches) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(breaches.stream()
                .map(b -> b.link().adversarialIncident()).toList()));
        UpdateIncidentsRequest request = new UpdateIncidentsRequest(ids, null, null, null, null, null, null, null,
                null, null, exposure.status(), null,
                List.of(new ThreatObjectiveRelation(exposure.threatObjective())), null);
        List<ActionItem> items = breaches.stream().map(b -> new ActionItem(b.link().adversarialIncident(),
                b.incident().key(), b.incident().raw())).toList();
        return new Batch<>(request, items);
    }

    private static MappingException missingLinks(PrivacyRegister register, List<Incident> unlinked) {
        StringBuilder names = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (Incident i : unlinked) {
            names.append(names.isEmpty() ? "" : ", ").append(i.key()).append(" (closed as TruePositive, ")
                    .append(i.classificationReason()).append(')');
            keys.append(keys.isEmpty() ? "" : ", ").append('"').append(i.key()).append('"');
        }
        return new MappingException(register.file() + " has no " + PrivacyRegister.SECTION + ".links entry for "
                + "ContraForce incident" + (unlinked.size() == 1 ? " " : "s ") + names + ": add " + keys
                + " with its onetrustIncident (OneTrust incident uuid) and adversarialIncident (INC-...)");
    }
}
