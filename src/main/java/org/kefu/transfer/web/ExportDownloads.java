package org.kefu.transfer.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.kefu.account.Viewer;
import org.kefu.customer.CustomerFilter;
import org.kefu.identity.CurrentUser;
import org.kefu.identity.Permission;
import org.kefu.shared.Actor;
import org.kefu.shared.InvalidInputException;
import org.kefu.transfer.ExportFiles;
import org.kefu.transfer.Exports;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports as CSV or Excel, from the pages and the API alike: customers of a filter (masked unless
 * the exporter may see contact details) and the accounts the exporter may see.
 */
@RestController
@Tag(name = "Exports", description = "Customers and accounts as CSV or Excel, masked and scoped as on the pages")
class ExportDownloads {

	private final Exports exports;

	ExportDownloads(Exports exports) {
		this.exports = exports;
	}

	@GetMapping({ "/customers/export.{format}", "/api/v1/customers/export" })
	@PreAuthorize("hasAuthority('customer.view')")
	@Operation(summary = "Customers of a filter as CSV (default) or Excel (`format=xlsx`); the export is audited")
	void customers(@PathVariable(required = false) String format,
			@Parameter(description = "csv or xlsx") @RequestParam(name = "format", required = false) String asked,
			@RequestParam(required = false) String q, @RequestParam(name = "tag", required = false) List<String> tags,
			@RequestParam(name = "without", required = false) List<String> without,
			@AuthenticationPrincipal CurrentUser me, Actor actor, HttpServletResponse response) throws IOException {
		Exports.Table table = exports.customers(CustomerFilter.of(q, tags, without),
				me.can(Permission.CUSTOMER_CONTACT_DETAILS), actor);
		write("customers", format(format, asked), table, response);
	}

	@GetMapping({ "/accounts/export.{format}", "/api/v1/accounts/export" })
	@PreAuthorize("hasAuthority('account.export')")
	@Operation(summary = "Every account the caller may see, as CSV (default) or Excel (`format=xlsx`); audited")
	void accounts(@PathVariable(required = false) String format,
			@RequestParam(name = "format", required = false) String asked, @AuthenticationPrincipal CurrentUser me,
			Actor actor, HttpServletResponse response) throws IOException {
		if (!me.can(Permission.ACCOUNT_VIEW) && !me.can(Permission.ACCOUNT_VIEW_ALL)) {
			throw new AccessDeniedException("account.view");
		}
		write("accounts", format(format, asked), exports.accounts(Viewer.of(me), actor), response);
	}

	private static String format(String path, String asked) {
		String f = path != null ? path : asked == null ? "csv" : asked;
		if (!f.equals("csv") && !f.equals("xlsx")) {
			throw new InvalidInputException("api.invalid-value", "format", f, "csv, xlsx");
		}
		return f;
	}

	private static void write(String name, String format, Exports.Table table, HttpServletResponse response)
			throws IOException {
		String file = name + "-" + LocalDate.now() + "." + format;
		response.setHeader("Content-Disposition", "attachment; filename=\"" + file + "\"");
		if (format.equals("xlsx")) {
			response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
			ExportFiles.xlsx(name, table.heading(), table.rows(), response.getOutputStream());
		}
		else {
			response.setContentType("text/csv; charset=UTF-8");
			ExportFiles.csv(table.heading(), table.rows(), response.getOutputStream());
		}
	}
}
