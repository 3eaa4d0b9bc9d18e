package org.soarplaybooks.vendor.sentinelone;

/**
 * What {@link SentinelOneThreatsReader} asks {@code GET /web/api/v2.1/threats} for (design/vendor-facts.md, "GET
 * /threats for the sync job"): the filters, sent as query parameters, and the page size.
 *
 * @param filter which threats (may be null: all the token may see); for a change-driven sync set
 *               {@code updatedAt__gt} to the last high-water mark (see {@link #updatedSince})
 * @param limit  threats per page, 1 to 1000 (the vendor's range; its default is 10)
 * @throws IllegalArgumentException (constructor) when {@code limit} is outside 1..1000
 */
public record ThreatsQuery(ThreatFilter filter, int limit) {

    /** The smallest page SentinelOne serves. */
    public static final int MIN_LIMIT = 1;
    /** The largest page SentinelOne serves. */
    public static final int MAX_LIMIT = 1000;

    public ThreatsQuery {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("SentinelOne threats limit must be " + MIN_LIMIT + " to " + MAX_LIMIT
                    + ", not " + limit);
        }
        if (filter == null) {
            filter = ThreatFilter.none();
        }
    }

    /**
     * Threats updated after a high-water mark.
     *
     * @param updatedAfter ISO-8601 UTC timestamp, e.g. {@code 2022-12-20T15:51:17.514437Z} (a threat's
     *                     {@code threatInfo.updatedAt}); null for no lower bound
     */
    public static ThreatsQuery updatedSince(String updatedAfter, int limit) {
        return new ThreatsQuery(ThreatFilter.none().withUpdatedAtGt(updatedAfter), limit);
    }
}
