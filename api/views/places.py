"""Reference data every signed-in user reads; councils and partner bodies by policy."""

from api.filters import SettlementFilter
from api.serializers.places import (
    CategorySerializer,
    CouncilSerializer,
    MunicipalitySerializer,
    PartnerBodySerializer,
    SettlementSerializer,
)
from api.views.base import ReadOnlyViewSet, documented
from concerns.models import Category
from councils.models import Municipality, Settlement
from councils.policies import councils_visible_to
from policing.policies import partner_bodies_visible_to


@documented(CategorySerializer)
class CategoryViewSet(ReadOnlyViewSet):
    """Kinds of concern (the code is also the Open311 service_code)."""

    serializer_class = CategorySerializer
    queryset = Category.objects.all()
    ordering = ("position", "id")


@documented(MunicipalitySerializer)
class MunicipalityViewSet(ReadOnlyViewSet):
    """Municipalities: names in every language, official languages, time zone."""

    serializer_class = MunicipalitySerializer
    queryset = Municipality.objects.filter(is_active=True)
    ordering = ("code", "id")


@documented(SettlementSerializer)
class SettlementViewSet(ReadOnlyViewSet):
    """Villages and neighbourhoods of the municipalities (filter by `municipality`)."""

    serializer_class = SettlementSerializer
    queryset = Settlement.objects.all()
    filterset_class = SettlementFilter


@documented(CouncilSerializer)
class CouncilViewSet(ReadOnlyViewSet):
    """Councils (national, municipal, local) the user may read: their own, or all at national
    level."""

    serializer_class = CouncilSerializer

    def get_queryset(self):
        return councils_visible_to(self.request.user)


@documented(PartnerBodySerializer)
class PartnerBodyViewSet(ReadOnlyViewSet):
    """Municipal departments, schools, utilities and NGOs that own follow-up actions."""

    serializer_class = PartnerBodySerializer

    def get_queryset(self):
        return partner_bodies_visible_to(self.request.user)
