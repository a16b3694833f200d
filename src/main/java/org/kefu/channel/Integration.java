package org.kefu.channel;

import java.time.Instant;

/**
 * A system that sends Kefu contacts: a telephony system ({@code cti}) or an IM adapter
 * ({@code im}) for one source (e.g. {@code wechat}).
 */
public record Integration(long id, String kind, String name, String source, String tokenPrefix, String outboundUrl,
		boolean active, Instant createdAt) {
}
