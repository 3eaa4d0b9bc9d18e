package org.soarplaybooks.validate;

/** How bad a {@link Finding} is: an {@code ERROR} stops the playbook from loading or working; a {@code WARNING} may. */
public enum Severity {
    /** The engine would refuse the file, or the playbook would fail on every run. Printed as {@code error}. */
    ERROR,
    /** Likely a mistake that shows only at run time (e.g. a placeholder with nothing behind it). Printed as {@code warning}. */
    WARNING;

    /** {@code error} or {@code warning}, as printed in a finding line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
