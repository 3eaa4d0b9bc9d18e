package org.soarplaybooks.vendor.sentinelone;

/**
 * One item of SentinelOne's {@code errors} array: {@code {"code": 4000010, "detail": "…", "title": "Validation
 * Error"}} (design/vendor-facts.md, "Errors": demisto test data; the vendor's Go SDK models the item as
 * {@code code}/{@code message}/{@code detail}). Published samples also carry empty items ({@code "errors": [{}]})
 * next to a normal answer; those are not failures.
 *
 * @param code    the vendor's numeric error code, as text (e.g. {@code "4000010"}), or null
 * @param title   short title, or null
 * @param detail  explanation, or null
 * @param message the Go SDK's name for the text, or null
 */
public record SentinelOneError(String code, String title, String detail, String message) {
}
