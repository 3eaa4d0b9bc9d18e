package org.soarplaybooks.engine;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.soarplaybooks.outcome.ActionContext;

/**
 * Records which playbook an exchange belongs to: when an exchange starts in a playbook route (any route not
 * made from a Kamelet), the exchange property {@code soar.playbook} is set to the route's {@code group} if it
 * has one, else to the route id, unless set already. A playbook made of several routes (one per trigger, say)
 * names itself with the same {@code group} on each. Audit records and dead letters use it, because inside a
 * Kamelet the current route is the Kamelet's.
 */
final class PlaybookIdPolicy extends RoutePolicySupport {

    static final RoutePolicyFactory FACTORY = new RoutePolicyFactory() {
        @Override
        public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
            return new PlaybookIdPolicy();
        }
    };

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        if (!route.isCreatedByKamelet() && exchange.getProperty(ActionContext.PLAYBOOK) == null) {
            String group = route.getGroup();
            exchange.setProperty(ActionContext.PLAYBOOK, group != null && !group.isBlank() ? group : route.getRouteId());
        }
    }
}
