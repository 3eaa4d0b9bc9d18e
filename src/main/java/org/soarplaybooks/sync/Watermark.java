package org.soarplaybooks.sync;

import java.time.Instant;

/**
 * Where the scheduled SentinelOne threat sync stopped: the next run reads the threats updated after
 * {@code updatedAt}. Stored as {@code data/state/sentinelone-threat-sync.watermark.json}:
 * {@code {"updatedAt": "2023-09-20T09:03:07.151615Z", "runAt": "2026-11-21T20:05:00.004Z", "threats": 3}}
 * (times ISO-8601 UTC).
 *
 * @param updatedAt the highest threat {@code updatedAt} (SentinelOne {@code threatInfo.updatedAt}, or the flat
 *                  v2.0 {@code updatedAt}) of the last run whose every threat was accepted or dead-lettered; the
 *                  next run asks for {@code updatedAt__gt} this (never null)
 * @param runAt     when that run started (UTC)
 * @param threats   how many threats that run read, on all its pages
 */
public record Watermark(Instant updatedAt, Instant runAt, int threats) {
}
