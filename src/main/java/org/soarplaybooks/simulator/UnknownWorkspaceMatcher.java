package org.soarplaybooks.simulator;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * WireMock custom matcher {@code contraforce-unknown-workspace}: matches {@code /api/v2/workspaces/{workspaceId}/...}
 * when {@code workspaceId} is not in {@link KnownWorkspaces}. Used by {@code contraforce-status-404-workspace.json}
 * (api-docs/contraforce-update-incident-status.md, response {@code 404}).
 */
final class UnknownWorkspaceMatcher extends RequestMatcherExtension {

    static final String NAME = "contraforce-unknown-workspace";
    private static final String PREFIX = "/api/v2/workspaces/";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public MatchResult match(Request request, Parameters parameters) {
        String path = request.getUrl();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!path.startsWith(PREFIX)) {
            return MatchResult.noMatch();
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String workspace = URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
        return MatchResult.of(!KnownWorkspaces.isKnown(workspace));
    }
}
