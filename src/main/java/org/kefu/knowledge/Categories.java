package org.kefu.knowledge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.kefu.shared.Actor;
import org.kefu.shared.ConflictException;
import org.kefu.shared.InvalidInputException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The help center's categories: a slug for links and a name in each language. */
@Service
@Transactional
public class Categories {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

	public record Category(long id, String slug, String nameZh, String nameEn, int position) {

		public String name(Locale locale) {
			return Locale.SIMPLIFIED_CHINESE.equals(locale) ? nameZh : nameEn;
		}
	}

	private final JdbcClient jdbc;

	Categories(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public List<Category> all() {
		return jdbc.sql("select * from kb_category order by position, id").query(Category.class).list();
	}

	@Transactional(readOnly = true)
	public Optional<Category> find(long id) {
		return jdbc.sql("select * from kb_category where id = ?").param(id).query(Category.class).optional();
	}

	@Transactional(readOnly = true)
	public Optional<Category> bySlug(String slug) {
		return jdbc.sql("select * from kb_category where slug = ?").param(slug).query(Category.class).optional();
	}

	public long create(String slug, String nameZh, String nameEn, int position, Actor by) {
		String clean = slug == null ? "" : slug.strip().toLowerCase(Locale.ROOT);
		if (!SLUG.matcher(clean).matches()) {
			throw new InvalidInputException("kb.category.slug-invalid", clean);
		}
		if (nameZh == null || nameZh.isBlank() || nameEn == null || nameEn.isBlank()) {
			throw new InvalidInputException("kb.category.names-required");
		}
		try {
			return jdbc.sql("insert into kb_category (slug, name_zh, name_en, position) values (?, ?, ?, ?) returning id")
				.params(clean, nameZh.strip(), nameEn.strip(), position).query(Long.class).single();
		}
		catch (DuplicateKeyException e) {
			throw new ConflictException("kb.category.slug-taken", clean);
		}
	}
}
