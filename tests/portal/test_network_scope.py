"""The networks a user follows, as permissions.network_scope reads them: a list of ids read
once per request, not a subquery PostgreSQL misjudges for a user of many networks (issue 17)."""

import pytest

from applications.models import Allocation
from portal.models import Role
from portal.permissions import follows, network_scope
from tests.factories import AllocationFactory, CoordinatorFactory, NetworkFactory, UserFactory

pytestmark = pytest.mark.django_db


def scoped(user):
    return Allocation.objects.filter(network_scope(user, Role.COORDINATOR))


def test_the_scope_is_the_list_of_the_users_network_ids():
    network = NetworkFactory()
    coordinator = CoordinatorFactory(networks=[network])

    assert "portal_user_networks" not in str(scoped(coordinator).query)


def test_the_network_ids_are_read_once_per_user_object(django_assert_num_queries):
    coordinator = CoordinatorFactory(networks=[NetworkFactory()])
    coordinator.network_ids  # noqa: B018 - read once

    with django_assert_num_queries(0):
        coordinator.network_ids  # noqa: B018


def test_a_network_added_to_the_account_is_in_scope_at_once():
    first, second = NetworkFactory(), NetworkFactory()
    coordinator = CoordinatorFactory(networks=[first])
    assert coordinator.network_ids == (first.pk,)
    allocation = AllocationFactory(application__network=second)

    coordinator.networks.add(second)

    assert list(scoped(coordinator)) == [allocation]


def test_a_network_removed_from_the_account_is_out_of_scope_at_once():
    network = NetworkFactory()
    coordinator = CoordinatorFactory(networks=[network])
    AllocationFactory(application__network=network)
    assert scoped(coordinator).exists()

    coordinator.networks.remove(network)

    assert not scoped(coordinator).exists()


def test_follows_agrees_with_the_scope_without_a_query(django_assert_num_queries):
    followed, other = NetworkFactory(), NetworkFactory()
    coordinator = CoordinatorFactory(networks=[followed])
    coordinator.network_ids, coordinator.roles  # noqa: B018 - read once, as every request does

    with django_assert_num_queries(0):
        answers = [follows(coordinator, Role.COORDINATOR, n) for n in (followed, other)]
    assert answers == [True, False]


def test_follows_needs_the_role_as_well_as_the_network():
    network = NetworkFactory()
    psychologist = UserFactory(networks=[network], roles=[Role.PSYCHOLOGIST])
    assert not follows(psychologist, Role.COORDINATOR, network)


def test_a_superuser_follows_every_network():
    assert follows(UserFactory(is_superuser=True), Role.COORDINATOR, NetworkFactory())
