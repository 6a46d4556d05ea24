package com.ptsl.sandbox.sl;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Plausible US business customers, drawn from a seeded Random so a seed always gives the same names. */
final class CompanyNames {

    record Company(String name, String addr1, String city, String state, String zip, String phone, String email,
                   String attn) {
    }

    private static final List<String> FIRST = List.of("Acme", "Summit", "Harbor", "Pioneer", "Redwood", "Granite",
            "Bluewater", "Keystone", "Lakeside", "Northwind", "Silverline", "Prairie", "Cascade", "Ironwood", "Beacon",
            "Meridian", "Oakridge", "Riverbend", "Sterling", "Evergreen");
    private static final List<String> SECOND = List.of("Industrial", "Medical", "Hardware", "Foods", "Logistics",
            "Electric", "Dental", "Landscaping", "Office", "Auto Parts", "Plumbing", "Printing", "Machine",
            "Building", "Packaging");
    private static final List<String> SUFFIX = List.of("Supply", "Inc.", "LLC", "Co.", "Group", "Partners",
            "Services", "Distributors");
    private static final List<String> STREETS = List.of("Main St", "Oak Ave", "Commerce Dr", "Industrial Pkwy",
            "Market St", "Park Blvd", "Lincoln Way", "Elm St", "River Rd", "Airport Rd");
    private static final List<String[]> CITIES = List.of(
            new String[] {"Seattle", "WA", "98101"}, new String[] {"Spokane", "WA", "99201"},
            new String[] {"Portland", "OR", "97204"}, new String[] {"Boise", "ID", "83702"},
            new String[] {"Denver", "CO", "80202"}, new String[] {"Omaha", "NE", "68102"},
            new String[] {"Des Moines", "IA", "50309"}, new String[] {"Madison", "WI", "53703"},
            new String[] {"Columbus", "OH", "43215"}, new String[] {"Raleigh", "NC", "27601"},
            new String[] {"Austin", "TX", "78701"}, new String[] {"Tulsa", "OK", "74103"});
    private static final List<String> CONTACTS = List.of("Accounts Payable", "Pat Miller", "Chris Nguyen",
            "Dana Lopez", "Sam Patel", "Jordan Lee", "Taylor Brooks", "Morgan Reed");

    private final Random random;

    CompanyNames(Random random) {
        this.random = random;
    }

    Company next() {
        String first = pick(FIRST);
        String second = pick(SECOND);
        String name = first + " " + second + " " + pick(SUFFIX);
        String[] city = CITIES.get(random.nextInt(CITIES.size()));
        String addr1 = (100 + random.nextInt(9_900)) + " " + pick(STREETS);
        String phone = String.format("(%03d) 555-%04d", 200 + random.nextInt(700), random.nextInt(10_000));
        String domain = (first + second).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return new Company(name, addr1, city[0], city[1], city[2], phone, "ap@" + domain + ".example", pick(CONTACTS));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
