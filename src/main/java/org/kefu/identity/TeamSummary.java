package org.kefu.identity;

/** A team as other modules show it. */
public record TeamSummary(TeamId id, String name, ServiceStage stage, TeamId parent, boolean active) {
}
