package org.soarplaybooks.vendor;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.Processor;

/**
 * The step of a values Kamelet ({@code *-values-action}): evaluates the Kamelet's properties on the incident in the
 * body (each a literal or a Simple expression, compiled once) and hands them to {@link #apply}, whose result becomes
 * the body (the incident with its {@code actions.<name>}). Cheaper than one {@code setVariable} step per property
 * and a bean call with Simple arguments: the webhook benchmark's profile showed those per incident.
 */
public abstract class IncidentValuesStep implements Processor, CamelContextAware {

    private final Map<String, String> templates = new LinkedHashMap<>();
    private volatile Expression[] compiled;
    private CamelContext context;

    /** @param names the properties, in the order {@link #apply} receives them */
    protected IncidentValuesStep(String... names) {
        for (String n : names) {
            templates.put(n, null);
        }
    }

    /** Sets one property's text (a literal or Simple); null or empty evaluates to null. */
    protected final void set(String name, String template) {
        templates.put(name, template);
        compiled = null;
    }

    /**
     * The step's work on one incident.
     *
     * @param incident the incident's JSON (the body)
     * @param values   the properties evaluated on it, in constructor order (null when empty)
     * @return the new body
     */
    protected abstract Object apply(Map<String, Object> incident, String[] values);

    @Override
    @SuppressWarnings("unchecked")
    public void process(Exchange exchange) {
        Expression[] e = compiled;
        if (e == null) {
            e = compile();
        }
        String[] values = new String[e.length];
        for (int i = 0; i < e.length; i++) {
            values[i] = e[i] == null ? null : e[i].evaluate(exchange, String.class);
            if (values[i] != null && values[i].isEmpty()) {
                values[i] = null;
            }
        }
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof Map)) {
            throw new IllegalArgumentException("the body is not an incident's JSON (incidents:<playbook> needs"
                    + " body: json): " + (body == null ? "null" : body.getClass().getName()));
        }
        exchange.getMessage().setBody(apply((Map<String, Object>) body, values));
    }

    private synchronized Expression[] compile() {
        if (compiled == null) {
            Expression[] out = new Expression[templates.size()];
            int i = 0;
            for (String t : templates.values()) {
                out[i++] = t == null || t.isEmpty() ? null
                        : context.resolveLanguage("simple").createExpression(t);
            }
            for (Expression x : out) {
                if (x != null) {
                    x.init(context);
                }
            }
            compiled = out;
        }
        return compiled;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
