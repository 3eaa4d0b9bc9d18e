package org.soarplaybooks.testkit;

/** The HTTP methods a vendor call uses, for {@link VendorRequests#received(HttpMethod, String)}. */
public enum HttpMethod {
    GET, POST, PUT, PATCH, DELETE
}
