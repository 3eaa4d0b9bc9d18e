/**
 * Webhooks: the intake of pushed events ({@code POST /webhooks/contraforce}, {@code POST /webhooks/sentinel},
 * routes in {@code routes/webhooks.camel.yaml}).
 *
 * <p>{@link org.soarplaybooks.webhook.TrustBoundary} turns the HTTP request into a
 * {@link org.soarplaybooks.webhook.Delivery} and drops every header; {@link org.soarplaybooks.webhook.WebhookIntake}
 * (one subclass per sender: {@link org.soarplaybooks.webhook.ContraForceWebhook},
 * {@link org.soarplaybooks.webhook.SentinelWebhook}) checks it ({@link org.soarplaybooks.webhook.HmacSignature},
 * {@link org.soarplaybooks.webhook.BearerSecret}, the JSON Schemas {@code schemas/webhook-*.request.json}),
 * deduplicates on the event id and writes the event durably into the inbox folders of the playbooks it feeds, then
 * answers ({@link org.soarplaybooks.webhook.WebhookAnswer}, {@link org.soarplaybooks.webhook.WebhookRejection}).
 * {@link org.soarplaybooks.webhook.WebhookServer} checks the embedded HTTP server at start and answers its own
 * failures (413) as problem details. No webhook calls a vendor: playbooks start from the inbox files.
 */
package org.soarplaybooks.webhook;
