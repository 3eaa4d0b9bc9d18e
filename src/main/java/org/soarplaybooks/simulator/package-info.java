/**
 * The demo's in-process vendor simulator ({@link org.soarplaybooks.simulator.VendorSimulator}): WireMock answering
 * the ContraForce API as documented in {@code api-docs/contraforce-update-incident-status.md} and
 * {@code api-docs/contraforce-bulk-update-incidents-across-workspaces.md}.
 *
 * <p>Stub mappings live in {@code src/main/resources/simulator/mappings/} (one behaviour per file, ordered by
 * {@code priority}; metadata {@code endpoint} labels the endpoint), templated problem bodies in
 * {@code simulator/__files/}. Java covers what JSON cannot: credentials ({@code AuthMatcher}), the known
 * workspaces ({@code KnownWorkspaces}), the bulk answer ({@code BulkUpdateTransformer}) and the field-keyed
 * validation errors ({@code ValidationProblemTransformer}, {@code SchemaExplainer}).
 */
package org.soarplaybooks.simulator;
