from django.contrib import admin

from concerns.admin_privacy import PrivateFieldsAdmin
from monitoring.models import PublicStatisticsRule


@admin.register(PublicStatisticsRule)
class PublicStatisticsRuleAdmin(PrivateFieldsAdmin, admin.ModelAdmin):
    list_display = ("municipality", "threshold")
    list_select_related = ("municipality",)
