package org.kefu.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "customer")
class Customer {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "customer_id")
	@SequenceGenerator(name = "customer_id", sequenceName = "customer_id_seq", allocationSize = 1)
	private Long id;

	private String name;

	private String email;

	private String phone;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Version
	private int version;

	protected Customer() {
	}

	Customer(String name, String email, String phone, Instant now) {
		this.name = name;
		this.email = email;
		this.phone = phone;
		this.createdAt = now;
		this.updatedAt = now;
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	String email() {
		return email;
	}

	String phone() {
		return phone;
	}

	void describe(String name, String email, String phone, Instant now) {
		this.name = name;
		this.email = email;
		this.phone = phone;
		this.updatedAt = now;
	}

	CustomerView view() {
		return new CustomerView(new CustomerId(id), name, email, phone, createdAt);
	}
}
