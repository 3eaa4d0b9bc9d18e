package org.soarplaybooks.vendor;

import java.util.regex.Pattern;

/** Identifier shapes the vendors document (a ContraForce workspace id, a OneTrust incident id: UUIDs). */
public final class Ids {

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    /** True for a UUID in its 36-character text form, either case; false for null. */
    public static boolean isUuid(String text) {
        return text != null && UUID.matcher(text).matches();
    }
}
