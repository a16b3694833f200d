package org.kefu.identity;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A person who signs in to Kefu. */
@Entity
@Table(name = "identity_user")
class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String username;

	@Column(name = "display_name")
	private String displayName;

	private String email;

	private String phone;

	@Column(name = "password_hash")
	private String passwordHash;

	private String locale;

	private boolean enabled = true;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	@ManyToMany
	@JoinTable(name = "identity_user_role", joinColumns = @JoinColumn(name = "user_id"),
			inverseJoinColumns = @JoinColumn(name = "role_id"))
	private Set<Role> roles = new HashSet<>();

	protected UserAccount() {
	}

	UserAccount(String username, String displayName, String passwordHash, Instant now) {
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	String username() {
		return username;
	}

	String displayName() {
		return displayName;
	}

	String email() {
		return email;
	}

	String phone() {
		return phone;
	}

	String passwordHash() {
		return passwordHash;
	}

	Locale locale() {
		return locale == null ? null : Locale.forLanguageTag(locale);
	}

	boolean enabled() {
		return enabled;
	}

	Instant createdAt() {
		return createdAt;
	}

	Set<Role> roles() {
		return roles;
	}

	void describe(String displayName, String email, String phone, Instant now) {
		this.displayName = displayName;
		this.email = email;
		this.phone = phone;
		this.updatedAt = now;
	}

	void changePassword(String passwordHash, Instant now) {
		this.passwordHash = passwordHash;
		this.updatedAt = now;
	}

	void speak(Locale locale, Instant now) {
		this.locale = locale == null ? null : locale.toLanguageTag();
		this.updatedAt = now;
	}

	void enable(boolean enabled, Instant now) {
		this.enabled = enabled;
		this.updatedAt = now;
	}

	void assignRoles(Set<Role> roles, Instant now) {
		this.roles.clear();
		this.roles.addAll(roles);
		this.updatedAt = now;
	}
}
