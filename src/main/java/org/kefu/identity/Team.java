package org.kefu.identity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A team (班组) serving one stage of the customer's journey; a sub-group names its parent team. */
@Entity
@Table(name = "identity_team")
class Team {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String name;

	private String stage;

	@Column(name = "parent_id")
	private Long parentId;

	private String description;

	private boolean active = true;

	@Column(name = "created_at")
	private Instant createdAt;

	protected Team() {
	}

	Team(String name, ServiceStage stage, Long parentId, String description, Instant now) {
		this.name = name;
		this.stage = stage.code();
		this.parentId = parentId;
		this.description = description;
		this.createdAt = now;
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	ServiceStage stage() {
		return ServiceStage.ofCode(stage);
	}

	Long parentId() {
		return parentId;
	}

	String description() {
		return description;
	}

	boolean active() {
		return active;
	}

	void describe(String name, ServiceStage stage, Long parentId, String description, boolean active) {
		this.name = name;
		this.stage = stage.code();
		this.parentId = parentId;
		this.description = description;
		this.active = active;
	}

	TeamSummary summary() {
		return new TeamSummary(new TeamId(id), name, stage(), TeamId.of(parentId), active);
	}
}
