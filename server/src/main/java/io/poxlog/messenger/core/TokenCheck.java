package io.poxlog.messenger.core;

/**
 * What {@link Nexus#checkToken} found for a token presented outside the messenger's protocol (an
 * {@code Authorization: Bearer} header, PROTOCOL.md §9.3): the grant, or why it was refused.
 *
 * @param grant the role and token name, or null when refused
 * @param refusal what was wrong, in the words an {@code auth} message's refusal has; null when accepted
 */
public record TokenCheck(AccessTokens.Grant grant, String refusal) {
    public boolean accepted() {
        return grant != null;
    }
}
