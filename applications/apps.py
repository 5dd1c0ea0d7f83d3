from django.apps import AppConfig
from django.db.models import Q


class ApplicationsConfig(AppConfig):
    name = "applications"

    def ready(self) -> None:
        from applications.models import (
            Allocation,
            Application,
            Call,
            CallEdition,
            CooperationAgreement,
            ExtraHoursRequest,
        )
        from portal.cache_versions import DIRECTORY
        from portal.data_version import follow

        follow(Application)
        follow(Allocation)
        follow(CooperationAgreement, lambda agreement: Q(applications=agreement.application_id))
        follow(ExtraHoursRequest, lambda request: Q(allocations=request.allocation_id))
        DIRECTORY.follow(Call)
        DIRECTORY.follow(CallEdition)
