package org.kefu.customer;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CustomerRepository extends JpaRepository<Customer, Long> {

	@Query("select c from Customer c where lower(c.email) = lower(?1) order by c.id")
	List<Customer> findByEmail(String email);

	@Query("select c from Customer c where c.phone = ?1 order by c.id")
	List<Customer> findByPhone(String phone);
}
