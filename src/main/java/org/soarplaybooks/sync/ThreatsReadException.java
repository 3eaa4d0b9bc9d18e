package org.soarplaybooks.sync;

import org.soarplaybooks.problem.VendorCallException;

/**
 * A page of SentinelOne threats could not be read ({@code GET /web/api/v2.1/threats}): the vendor's failure, as
 * {@link org.soarplaybooks.vendor.sentinelone.SentinelOneThreatsReader} reported it, under a type of its own so the
 * scheduled sync's error handler (not the one that dead-letters incidents) takes it: the read is retried like any
 * vendor call, and when retrying cannot help, the run ends without moving the watermark. No dead letter: a page
 * that was never read holds no incident to keep.
 */
public class ThreatsReadException extends VendorCallException {

    /**
     * The reader's failure, copied (vendor, operation, problem details). It is deliberately not kept as the cause:
     * Camel matches an exception's causes first, and a {@link VendorCallException} cause would send the failure to
     * the handler that dead-letters incidents.
     */
    public ThreatsReadException(VendorCallException failure) {
        super(failure.vendor(), failure.operation(), failure.problem());
        setStackTrace(failure.getStackTrace());
    }
}
