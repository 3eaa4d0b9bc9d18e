package org.soarplaybooks.dryrun;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.InterceptEndpointFactory;
import org.apache.camel.spi.InterceptSendToEndpoint;
import org.apache.camel.support.PluginHelper;

/**
 * Dry run ({@code run --dry-run}, {@code demo --dry-run}, property {@value #ENABLED_PROPERTY}): every action
 * builds its request and runs the contract check as usual, but the request is never sent. The audit trail records
 * {@code would-send} for each incident, with the full request (method, URL, headers and body, secrets masked), and
 * the vendor's answer is taken as success.
 *
 * <p>How: {@link #install} wraps every {@code http:}/{@code https:} endpoint of the context (the Kamelets' static
 * vendor endpoints included, whenever they are created) in an intercepting endpoint whose {@link DryRunSink}
 * answers in place of the vendor for exchanges an action readied (exchange property {@value #ACTIVE}, set by
 * {@link org.soarplaybooks.vendor.HttpAction#prepare}). Other HTTP reads (the scheduled SentinelOne sync reading
 * {@code GET /threats}) still go out: they change nothing at the vendor. OAuth 2.0 token requests are not made in
 * a dry run ({@link org.soarplaybooks.http.OAuth2ClientCredentials}).
 */
public final class DryRun {

    /** The engine property that turns dry run on ({@code true}/{@code false}, default false). */
    public static final String ENABLED_PROPERTY = "playbooks.dry-run";
    /** Exchange property: this exchange's vendor call is a dry run (Boolean). */
    public static final String ACTIVE = "soar.dryRun";
    /** Exchange property: the masked request the dry run did not send (JSON, see {@link MaskedRequest}). */
    public static final String REQUEST = "soar.dryRun.request";

    private DryRun() {
    }

    /**
     * Whether dry run is on: the override wins over the properties file; absent means off.
     *
     * @throws IllegalArgumentException when the value is neither {@code true} nor {@code false}
     */
    public static boolean enabled(java.util.Map<String, String> overrides, java.util.Properties props) {
        String v = overrides.getOrDefault(ENABLED_PROPERTY, props.getProperty(ENABLED_PROPERTY, "false")).trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(ENABLED_PROPERTY + ": expected true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** True when the vendor call on this exchange is a dry run. */
    public static boolean active(Exchange exchange) {
        return Boolean.TRUE.equals(exchange.getProperty(ACTIVE, Boolean.class));
    }

    /**
     * Makes every HTTP endpoint of the context, present and future, answer dry-run calls itself.
     *
     * @param answers the success answers that stand in for the vendors'
     */
    public static void install(CamelContext context, DryRunAnswers answers) {
        InterceptEndpointFactory factory = PluginHelper.getInterceptEndpointFactory(context);
        context.getCamelContextExtension().registerEndpointCallback((uri, endpoint) ->
                isHttp(endpoint) ? factory.createInterceptSendToEndpoint(context, endpoint, true, null,
                        new DryRunSink(answers, endpoint.getEndpointBaseUri()), null) : endpoint);
    }

    private static boolean isHttp(Endpoint endpoint) {
        if (endpoint instanceof InterceptSendToEndpoint) {
            return false;
        }
        String uri = endpoint.getEndpointUri();
        return uri.startsWith("http://") || uri.startsWith("https://") || uri.startsWith("http:")
                || uri.startsWith("https:");
    }
}
