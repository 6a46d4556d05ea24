package com.ptsl.gateway.silentpost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParmListTest {

    @Test
    void readsPayTracesExampleWithItsTrailingBar() {
        ParmList parms = ParmList.parse("ORDERID~123456|TRANSACTIONID~62279788|APPCODE~TAS456|APPMSG~  NO  MATCH|"
                + "AVSRESPONSE~No Match|CSCRESPONSE~Match|EMAIL~test@test.com|");

        assertThat(parms.size()).isEqualTo(7);
        assertThat(parms.get("TRANSACTIONID")).contains("62279788");
        assertThat(parms.get("transactionid")).contains("62279788");
        assertThat(parms.get("APPMSG")).contains("NO  MATCH");
        assertThat(parms.get("CUSTOMERID")).isEmpty();
        assertThat(parms.toString()).doesNotContain("test@test.com");
    }

    @Test
    void skipsEmptyAndKeylessPiecesAndKeepsTheFirstOfARepeatedKey() {
        ParmList parms = ParmList.parse("||junk|~novalue|TRANSACTIONID~1|TRANSACTIONID~2|ORDERID~a~b");

        assertThat(parms.get("TRANSACTIONID")).contains("1");
        assertThat(parms.get("ORDERID")).contains("a~b");
        assertThat(parms.size()).isEqualTo(2);
    }

    @Test
    void findsTheFieldInAUrlEncodedForm() {
        String form = "other=x&parmList=ORDERID%7E9%7CTRANSACTIONID%7E62279788%7CAPPMSG%7EAPPROVED+AND+COMPLETED%7C";

        assertThat(ParmList.fieldOf(form)).contains("ORDERID~9|TRANSACTIONID~62279788|APPMSG~APPROVED AND COMPLETED|");
        assertThat(ParmList.fieldOf("parmlist=x")).as("field names are case-sensitive in forms").isEmpty();
        assertThat(ParmList.fieldOf("parmList")).contains("");
        assertThatThrownBy(() -> ParmList.fieldOf("parmList=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
