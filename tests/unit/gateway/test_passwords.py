"""Passwords of gateway accounts: long, not the username, not easy to guess."""
import pytest

from gateway import passwords
from gateway.errors import HttpError


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "password1234", "qwertyuiop123", "123456789012"])
def test_common_and_repetitive_passwords_are_refused(password):
    assert "too easy to guess" in passwords.weaknesses(password, "hoa.hr")


def test_a_password_containing_the_username_is_refused_whatever_its_case():
    assert passwords.weaknesses("HOA.HR-Mekong-ferry-9", "hoa.hr") == ["must not contain the username"]


def test_a_short_password_is_refused_with_the_minimum_length():
    assert passwords.weaknesses("Xk9#", "hoa.hr") == ["at least 12 characters"]


def test_a_long_unguessable_password_is_accepted_even_beyond_what_zxcvbn_reads():
    assert passwords.weaknesses("mangrove-otter-lantern-42", "hoa.hr") == []
    assert passwords.weaknesses("mangrove-otter-lantern-42" * 6, "hoa.hr") == []


def test_variations_of_the_persons_name_count_as_guessable():
    assert passwords.weaknesses("tranthihoa1985", "hoa.hr", ["tranthihoa"])


def test_a_refusal_is_a_400_naming_the_password_field():
    with pytest.raises(HttpError) as error:
        passwords.require_strong("aaaaaaaaaaaa", "hoa.hr")
    assert error.value.status == 400 and error.value.code == "WEAK_PASSWORD"
    assert "too easy to guess" in error.value.fields["password"]
