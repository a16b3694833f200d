package org.kefu.contract;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.kefu.account.AccountId;
import org.kefu.account.AccountView;
import org.kefu.account.Accounts;
import org.kefu.account.Viewer;
import org.kefu.platform.FileStore;
import org.kefu.shared.Actor;
import org.kefu.shared.Amounts;
import org.kefu.shared.InvalidInputException;
import org.kefu.shared.NotFoundException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The contract register. Every call names the viewer: a contract of an account the viewer may
 * not see is not found, as the account itself is not.
 */
@Service
@Transactional(readOnly = true)
public class Contracts {

	private static final Set<String> KINDS = Set.of("contract", "agreement", "quote");

	private final JdbcClient jdbc;
	private final Accounts accounts;
	private final FileStore files;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final ZoneId zone;

	Contracts(JdbcClient jdbc, Accounts accounts, FileStore files, ApplicationEventPublisher events, Clock clock,
			@Value("${kefu.time-zone:Asia/Shanghai}") String zone) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.files = files;
		this.events = events;
		this.clock = clock;
		this.zone = ZoneId.of(zone);
	}

	/** A contract as entered. */
	public record NewContract(String kind, String number, String title, LocalDate validFrom, LocalDate validTo,
			String note) {
	}

	/** A price as entered. */
	public record NewPrice(String item, String unit, BigDecimal price, String currency) {
	}

	/** What a price check found: the registered price it matches, or none (flagged). */
	public record PriceCheck(long usage, boolean registered, Long price, Long contract) {
	}

	/** A price used without a registration. */
	public record Flagged(long id, AccountId account, String accountName, String item, String unit, BigDecimal price,
			LocalDate usedOn, Timestamp reportedAt) {
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	public List<ContractView> of(AccountId account, Viewer viewer) {
		AccountView a = accounts.get(account, viewer);
		List<Long> ids = jdbc.sql("select id from contract where account_id = ? order by valid_to desc, id desc")
			.param(account.value()).query(Long.class).list();
		List<ContractView> contracts = new ArrayList<>();
		for (Long id : ids) {
			contracts.add(load(id, a.name()));
		}
		return contracts;
	}

	public ContractView get(long id, Viewer viewer) {
		long account = jdbc.sql("select account_id from contract where id = ?").param(id).query(Long.class).optional()
			.orElseThrow(() -> new NotFoundException("contract.not-found", id));
		AccountView a;
		try {
			a = accounts.get(new AccountId(account), viewer);
		}
		catch (NotFoundException e) {
			throw new NotFoundException("contract.not-found", id);
		}
		return load(id, a.name());
	}

	/** Active contracts of visible accounts ending within the given days, soonest first. */
	public List<ContractView> expiring(int days, Viewer viewer) {
		LocalDate today = today();
		List<Map.Entry<Long, Long>> rows = jdbc.sql("""
				select id, account_id from contract where status = 'active' and valid_to between ? and ?
				order by valid_to, id""")
			.params(Date.valueOf(today), Date.valueOf(today.plusDays(days)))
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list();
		List<ContractView> out = new ArrayList<>();
		for (Map.Entry<Long, Long> row : rows) {
			if (accounts.canSee(new AccountId(row.getValue()), viewer)) {
				out.add(load(row.getKey(), accounts.get(new AccountId(row.getValue()), Viewer.system()).name()));
			}
		}
		return out;
	}

	@Transactional
	public long register(AccountId account, NewContract contract, Viewer viewer, Actor by) {
		AccountView a = accounts.get(account, viewer);
		String kind = contract.kind() == null ? "" : contract.kind().strip().toLowerCase();
		if (!KINDS.contains(kind)) {
			throw new InvalidInputException("api.invalid-value", "kind", contract.kind(), "contract, agreement, quote");
		}
		if (contract.title() == null || contract.title().isBlank()) {
			throw new InvalidInputException("validation.required", "title");
		}
		if (contract.validFrom() == null || contract.validTo() == null) {
			throw new InvalidInputException("validation.required", contract.validFrom() == null ? "validFrom" : "validTo");
		}
		if (contract.validTo().isBefore(contract.validFrom())) {
			throw new InvalidInputException("contract.dates-reversed", contract.validFrom(), contract.validTo());
		}
		long id = jdbc.sql("""
				insert into contract (account_id, kind, number, title, valid_from, valid_to, note, created_at, created_by)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(account.value(), kind, blank(contract.number()), contract.title().strip(),
					Date.valueOf(contract.validFrom()), Date.valueOf(contract.validTo()), blank(contract.note()),
					Timestamp.from(clock.instant()), by.userId())
			.query(Long.class).single();
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("account", a.name());
		values.put("kind", kind);
		values.put("title", contract.title().strip());
		values.put("validFrom", contract.validFrom().toString());
		values.put("validTo", contract.validTo().toString());
		events.publishEvent(new ContractChanged(id, account, "registered", Map.of(), values, by));
		return id;
	}

	@Transactional
	public void terminate(long id, Viewer viewer, Actor by) {
		ContractView contract = get(id, viewer);
		if (contract.status().equals("terminated")) {
			return;
		}
		jdbc.sql("update contract set status = 'terminated' where id = ?").param(id).update();
		events.publishEvent(new ContractChanged(id, contract.account(), "terminated", Map.of("status", "active"),
				Map.of("status", "terminated"), by));
	}

	@Transactional
	public long addDocument(long id, String filename, InputStream content, Viewer viewer, Actor by) {
		ContractView contract = get(id, viewer);
		FileStore.Stored stored = files.store(filename, content);
		long document = jdbc.sql("""
				insert into contract_document (contract_id, filename, content_type, size, sha256, uploaded_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(id, stored.filename(), stored.contentType(), stored.size(), stored.sha256(), by.userId(),
					Timestamp.from(clock.instant()))
			.query(Long.class).single();
		events.publishEvent(new ContractChanged(id, contract.account(), "document_added", Map.of(),
				Map.of("document", stored.filename()), by));
		return document;
	}

	/** A contract's document for download: its name, type, size and where it lies. */
	public record DocumentFile(ContractView.Document document, Path path) {
	}

	public DocumentFile document(long id, long documentId, Viewer viewer) {
		ContractView contract = get(id, viewer);
		ContractView.Document document = contract.documents().stream().filter(d -> d.id() == documentId).findFirst()
			.orElseThrow(() -> new NotFoundException("contract.document-not-found", documentId));
		String sha = jdbc.sql("select sha256 from contract_document where id = ?").param(documentId)
			.query(String.class).single();
		return new DocumentFile(document, files.path(sha));
	}

	@Transactional
	public long registerPrice(long id, NewPrice price, Viewer viewer, Actor by) {
		ContractView contract = get(id, viewer);
		if (price.item() == null || price.item().isBlank() || price.unit() == null || price.unit().isBlank()) {
			throw new InvalidInputException("validation.required", price.item() == null || price.item().isBlank()
					? "item" : "unit");
		}
		if (price.price() == null || price.price().signum() < 0) {
			throw new InvalidInputException("contract.price-invalid", price.price());
		}
		String currency = price.currency() == null || price.currency().isBlank() ? "CNY"
				: price.currency().strip().toUpperCase();
		if (!currency.matches("[A-Z]{3}")) {
			throw new InvalidInputException("contract.currency-invalid", price.currency());
		}
		long priceId = jdbc.sql("""
				insert into contract_price (contract_id, item, unit, price, currency, created_at)
				values (?, ?, ?, ?, ?, ?) returning id""")
			.params(id, price.item().strip(), price.unit().strip(), price.price(), currency,
					Timestamp.from(clock.instant()))
			.query(Long.class).single();
		events.publishEvent(new ContractChanged(id, contract.account(), "price_registered", Map.of(),
				Map.of("item", price.item().strip(), "unit", price.unit().strip(), "price", price.price().toPlainString(),
						"currency", currency), by));
		return priceId;
	}

	/**
	 * Records a price as used for an account and checks it against the prices registered in the
	 * account's contracts valid on that day: a price without a registration is flagged.
	 */
	@Transactional
	public PriceCheck checkPrice(AccountId account, String item, String unit, BigDecimal price, LocalDate usedOn,
			Viewer viewer, Actor by) {
		accounts.get(account, viewer);
		if (item == null || item.isBlank() || price == null) {
			throw new InvalidInputException("validation.required", item == null || item.isBlank() ? "item" : "price");
		}
		LocalDate day = usedOn == null ? today() : usedOn;
		record Match(long price, long contract) {
		}
		Optional<Match> match = jdbc.sql("""
				select p.id, c.id from contract_price p join contract c on c.id = p.contract_id
				where c.account_id = ? and c.status = 'active' and ? between c.valid_from and c.valid_to
				  and lower(p.item) = lower(?) and p.price = ? and (? is null or lower(p.unit) = lower(?))
				order by c.valid_to desc limit 1""")
			.params(account.value(), Date.valueOf(day), item.strip(), price, blank(unit), blank(unit))
			.query((rs, n) -> new Match(rs.getLong(1), rs.getLong(2))).optional();
		long usage = jdbc.sql("""
				insert into price_usage (account_id, item, unit, price, used_on, price_id, reported_by, reported_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(account.value(), item.strip(), blank(unit), price, Date.valueOf(day),
					match.map(Match::price).orElse(null), by.userId(), Timestamp.from(clock.instant()))
			.query(Long.class).single();
		return new PriceCheck(usage, match.isPresent(), match.map(Match::price).orElse(null),
				match.map(Match::contract).orElse(null));
	}

	/** Prices used without a registration, of the accounts the viewer may see, newest first. */
	public List<Flagged> unregistered(Viewer viewer) {
		return jdbc.sql("""
				select u.id, u.account_id, u.item, u.unit, u.price, u.used_on, u.reported_at from price_usage u
				where u.price_id is null order by u.reported_at desc limit 500""")
			.query((rs, n) -> new Flagged(rs.getLong(1), new AccountId(rs.getLong(2)), null, rs.getString(3),
					rs.getString(4), Amounts.plain(rs.getBigDecimal(5)), rs.getDate(6).toLocalDate(), rs.getTimestamp(7)))
			.list().stream()
			.filter(f -> accounts.canSee(f.account(), viewer))
			.map(f -> new Flagged(f.id(), f.account(), accounts.get(f.account(), Viewer.system()).name(), f.item(),
					f.unit(), f.price(), f.usedOn(), f.reportedAt()))
			.toList();
	}

	private ContractView load(long id, String accountName) {
		record Row(long id, long account, String kind, String number, String title, LocalDate from, LocalDate to,
				String status, String note, java.time.Instant created) {
		}
		Row r = jdbc.sql("""
				select id, account_id, kind, number, title, valid_from, valid_to, status, note, created_at
				from contract where id = ?""")
			.param(id)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate(), rs.getString(8), rs.getString(9),
					rs.getTimestamp(10).toInstant()))
			.single();
		List<ContractView.Document> documents = jdbc.sql("""
				select id, filename, content_type, size, created_at from contract_document where contract_id = ? order by id""")
			.param(id)
			.query((rs, n) -> new ContractView.Document(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
					rs.getTimestamp(5).toInstant()))
			.list();
		List<ContractView.Price> prices = jdbc.sql("""
				select id, item, unit, price, currency from contract_price where contract_id = ? order by item, id""")
			.param(id)
			.query((rs, n) -> new ContractView.Price(rs.getLong(1), rs.getString(2), rs.getString(3),
					Amounts.plain(rs.getBigDecimal(4)), rs.getString(5)))
			.list();
		return new ContractView(r.id(), new AccountId(r.account()), accountName, r.kind(), r.number(), r.title(), r.from(),
				r.to(), r.status(), r.note(), r.created(), documents, prices);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
