package org.kefu.identity;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

/** A named set of permissions, such as 坐席代表 (agent) or 质检员 (QA inspector). */
@Entity
@Table(name = "identity_role")
class Role {

	static final String ADMINISTRATOR = "administrator";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private String code;

	@Column(name = "name_zh")
	private String nameZh;

	@Column(name = "name_en")
	private String nameEn;

	@Column(name = "built_in")
	private boolean builtIn;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "identity_role_permission", joinColumns = @JoinColumn(name = "role_id"))
	@Column(name = "permission")
	private Set<String> permissions = new HashSet<>();

	protected Role() {
	}

	Role(String code, String nameZh, String nameEn) {
		this.code = code;
		this.nameZh = nameZh;
		this.nameEn = nameEn;
	}

	Long id() {
		return id;
	}

	String code() {
		return code;
	}

	String name(Locale locale) {
		return Locale.SIMPLIFIED_CHINESE.equals(locale) ? nameZh : nameEn;
	}

	String nameZh() {
		return nameZh;
	}

	String nameEn() {
		return nameEn;
	}

	boolean builtIn() {
		return builtIn;
	}

	boolean isAdministrator() {
		return ADMINISTRATOR.equals(code);
	}

	Set<String> permissions() {
		return permissions;
	}

	/** The administrator role keeps every permission, so that nobody can lock the center out of its own settings. */
	void permit(Set<String> codes) {
		permissions.clear();
		if (isAdministrator()) {
			for (Permission p : Permission.values()) {
				permissions.add(p.code());
			}
		}
		else {
			permissions.addAll(codes);
		}
	}

	void rename(String nameZh, String nameEn) {
		this.nameZh = nameZh;
		this.nameEn = nameEn;
	}
}
