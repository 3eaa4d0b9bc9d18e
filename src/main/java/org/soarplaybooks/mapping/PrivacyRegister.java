package org.soarplaybooks.mapping;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.soarplaybooks.incident.IncidentSource;
import org.soarplaybooks.vendor.adversarial.IncidentStatus;
import org.soarplaybooks.vendor.adversarial.ThreatObjective;

/**
 * The mapping file's section {@value #SECTION} (playbook {@code confirmed-breach-to-privacy-register}): which
 * ContraForce classification reasons mean personal data may have been exposed, what to record for each in the
 * Adversarial incident register, and which OneTrust and Adversarial incidents belong to a ContraForce incident.
 * YAML:
 * <pre>
 * privacy-register:
 *   dataExposureReasons:     # ContraForce ClassificationReason -> what to record in Adversarial
 *     CompromisedUser:
 *       threatObjective: Data Disclosure
 *       status: Review
 *   links:                   # ContraForce incident "&lt;source&gt;:&lt;incident id&gt;" -> privacy records
 *     "DefenderXDR:924518":
 *       onetrustIncident: 9c0d4e21-7a6b-4f3c-8e5d-2b1a0c9f8e63
 *       adversarialIncident: INC-00002
 * </pre>
 * Checked at start-up: reason keys are ContraForce classification reasons, {@code threatObjective} and
 * {@code status} Adversarial values ({@link VendorVocabulary}), link keys a ContraForce source and an incident id
 * ({@link IncidentSource} spelling, any case), {@code onetrustIncident} a UUID, {@code adversarialIncident}
 * {@code INC-} and digits. Immutable.
 */
public final class PrivacyRegister {

    /** The section name in the mapping file. */
    public static final String SECTION = "privacy-register";
    static final String DATA_EXPOSURE_REASONS = "dataExposureReasons";
    static final String LINKS = "links";

    /**
     * What to record in the Adversarial register for one data-exposure reason.
     *
     * @param threatObjective the threat objective, e.g. {@code Data Disclosure}
     * @param status          the Adversarial incident status to set, e.g. {@code Review}
     */
    public record DataExposure(ThreatObjective threatObjective, IncidentStatus status) {
    }

    /**
     * The privacy records of one ContraForce incident.
     *
     * @param onetrustIncident    the OneTrust incident uuid (lower case)
     * @param adversarialIncident the Adversarial incident id, e.g. {@code INC-00002}
     */
    public record Link(String onetrustIncident, String adversarialIncident) {
    }

    private final Path file;
    private final Map<String, DataExposure> dataExposureReasons;
    private final Map<String, Link> links;

    PrivacyRegister(Path file, Map<String, DataExposure> dataExposureReasons, Map<String, Link> links) {
        this.file = file;
        this.dataExposureReasons = Map.copyOf(dataExposureReasons);
        this.links = Map.copyOf(links);
    }

    /**
     * What to record for a ContraForce classification reason, if it means personal data may have been exposed.
     *
     * @return empty for null or a reason not listed under {@code privacy-register.dataExposureReasons}
     */
    public Optional<DataExposure> dataExposure(String contraForceClassificationReason) {
        return Optional.ofNullable(contraForceClassificationReason == null ? null
                : dataExposureReasons.get(contraForceClassificationReason));
    }

    /**
     * The privacy records linked to a ContraForce incident.
     *
     * @param incidentKey the incident's key {@code <source>:<incident id>} (e.g. {@code DefenderXDR:924518}, as
     *                    {@link org.soarplaybooks.incident.Incident#key()} writes it)
     * @return empty when {@code privacy-register.links} has no entry for it
     */
    public Optional<Link> link(String incidentKey) {
        return Optional.ofNullable(incidentKey == null ? null : links.get(incidentKey));
    }

    /** The mapping file this was read from, for messages. */
    public Path file() {
        return file;
    }

    /**
     * A link key as written in the file ({@code <source>:<incident id>}, source in any case) in the form of
     * {@link org.soarplaybooks.incident.Incident#key()}, e.g. {@code sentinelone:123456} → {@code SentinelOne:123456}.
     *
     * @return null when the key has no {@code :}, an unknown source, or no incident id
     */
    static String incidentKey(String written) {
        int colon = written.indexOf(':');
        if (colon <= 0 || colon == written.length() - 1) {
            return null;
        }
        String id = written.substring(colon + 1).strip();
        if (id.isEmpty()) {
            return null;
        }
        try {
            return IncidentSource.fromWireName(written.substring(0, colon).strip()).wireName() + ":" + id;
        } catch (IllegalArgumentException unknownSource) {
            return null;
        }
    }
}
