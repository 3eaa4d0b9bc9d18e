package org.soarplaybooks.mapping;

import java.util.Arrays;
import java.util.List;
import org.soarplaybooks.vendor.contraforce.Classification;
import org.soarplaybooks.vendor.contraforce.ClassificationReason;
import org.soarplaybooks.vendor.contraforce.Status;

/**
 * The tables a source section of the mapping file can hold, and the ContraForce enum each one maps to
 * (spelled exactly as the ContraForce wire enums, api-docs/contraforce-update-incident-status.md).
 */
enum MappingTable {
    STATUS("status", Status.class),
    CLASSIFICATION("classification", Classification.class),
    CLASSIFICATION_REASON("classificationReason", ClassificationReason.class);

    private final String key;
    private final Class<? extends Enum<?>> target;

    MappingTable(String key, Class<? extends Enum<?>> target) {
        this.key = key;
        this.target = target;
    }

    /** The YAML key of the table, e.g. {@code classificationReason}. */
    String key() {
        return key;
    }

    /** For messages: {@code ContraForce Status}. */
    String targetName() {
        return "ContraForce " + target.getSimpleName();
    }

    /** The ContraForce constant spelled exactly {@code name}, or null. */
    Enum<?> target(String name) {
        for (Enum<?> constant : target.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    /** All ContraForce constant names, in declaration order. */
    List<String> targetNames() {
        return Arrays.stream(target.getEnumConstants()).map(Enum::name).toList();
    }
}
