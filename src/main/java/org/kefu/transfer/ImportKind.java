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

	CUSTOMERS(Set.of("name"), ordered(
			List.of("name", "姓名", "客户姓名", "客户名称", "名称"),
			List.of("phone", "手机", "mobile", "电话", "手机号", "联系电话"),
			List.of("email", "邮箱", "e-mail", "电子邮件", "电子邮箱"),
			List.of("note", "备注"),
			List.of("tags", "标签", "tag"))),

	ACCOUNTS(Set.of("name", "kind"), ordered(
			List.of("name", "客户名称", "account", "公司名称", "名称"),
			List.of("kind", "类型", "type", "客户类型"),
			List.of("short_name", "简称", "short name"),
			List.of("industry", "行业"),
			List.of("note", "备注"),
			List.of("contact_name", "联系人", "contact"),
			List.of("contact_role", "联系人职务", "role", "职务"),
			List.of("contact_phone", "联系人电话", "联系电话", "电话"),
			List.of("contact_email", "联系人邮箱", "邮箱"),
			List.of("manager", "客户经理")));

	/** Columns in order, each with its headings: the code first, the Chinese heading second, then others. */
	@SafeVarargs
	private static Map<String, List<String>> ordered(List<String>... columns) {
		Map<String, List<String>> map = new LinkedHashMap<>();
		for (List<String> column : columns) {
			map.put(column.get(0), column);
		}
		return map;
	}

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

	/** The columns in order, each with its headings (code, Chinese heading, others). */
	public Map<String, List<String>> headings() {
		return headings;
	}
}
