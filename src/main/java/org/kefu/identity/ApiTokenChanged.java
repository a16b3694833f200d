package org.kefu.identity;

import java.util.Map;

import org.kefu.shared.Actor;
import org.kefu.shared.AuditRecord;
import org.kefu.shared.Audited;

/**
 * A personal API token was issued or revoked. The token itself is never part of the event.
 *
 * @param action {@code issued} or {@code revoked}
 */
public record ApiTokenChanged(UserId owner, long tokenId, String name, String action, Actor by) implements Audited {

	@Override
	public AuditRecord auditRecord() {
		return new AuditRecord("api_token", String.valueOf(tokenId), action, Map.of(),
				Map.of("owner", owner.value(), "name", name), by);
	}
}
