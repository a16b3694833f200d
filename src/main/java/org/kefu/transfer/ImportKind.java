package org.kefu.transfer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is imported, with the columns Kefu reads and the headings it knows them by, in English and
 * Chinese.
 */
public enum ImportKind {

	CUSTOMERS(Set.of("name"), Map.of(
			"name", List.of("name", "姓名", "客户姓名", "客户名称", "名称"),
			"phone", List.of("phone", "mobile", "电话", "手机", "手机号", "联系电话"),
			"email", List.of("email", "e-mail", "邮箱", "电子邮件", "电子邮箱"),
			"note", List.of("note", "备注"),
			"tags", List.of("tags", "tag", "标签"))),

	ACCOUNTS(Set.of("name", "kind"), Map.ofEntries(
			Map.entry("name", List.of("name", "account", "客户名称", "公司名称", "名称")),
			Map.entry("short_name", List.of("short_name", "short name", "简称")),
			Map.entry("kind", List.of("kind", "type", "类型", "客户类型")),
			Map.entry("industry", List.of("industry", "行业")),
			Map.entry("note", List.of("note", "备注")),
			Map.entry("contact_name", List.of("contact_name", "contact", "联系人")),
			Map.entry("contact_role", List.of("contact_role", "role", "职务", "联系人职务")),
			Map.entry("contact_phone", List.of("contact_phone", "联系人电话", "联系电话", "电话")),
			Map.entry("contact_email", List.of("contact_email", "联系人邮箱", "邮箱")),
			Map.entry("manager", List.of("manager", "客户经理"))));

	private final Set<String> required;
	private final Map<String, List<String>> headings;

	ImportKind(Set<String> required, Map<String, List<String>> headings) {
		this.required = required;
		this.headings = headings;
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<ImportKind> ofCode(String code) {
		for (ImportKind kind : values()) {
			if (kind.code().equals(code)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	public Set<String> required() {
		return required;
	}

	public Set<String> columns() {
		return headings.keySet();
	}

	/** The column a heading names, if Kefu reads it. */
	Optional<String> column(String heading) {
		String h = heading == null ? "" : heading.strip().toLowerCase(Locale.ROOT).replace('_', ' ');
		for (Map.Entry<String, List<String>> e : headings.entrySet()) {
			for (String alias : e.getValue()) {
				if (alias.toLowerCase(Locale.ROOT).replace('_', ' ').equals(h)) {
					return Optional.of(e.getKey());
				}
			}
		}
		return Optional.empty();
	}

	/** The columns in a stable order for templates and documentation. */
	public Map<String, List<String>> headings() {
		return new LinkedHashMap<>(headings);
	}
}
