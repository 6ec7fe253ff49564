"""Every rule value belongs to the policy that sets it (and so carries its city and validity)."""

import django.db.models.deletion
from django.db import migrations, models


def assign_owning_policy(apps, schema_editor):
    """Rows saved without a policy go to their city's newest policy; a city without one keeps no rows."""
    RuleValue = apps.get_model("policies", "RuleValue")
    PolicyPage = apps.get_model("policies", "PolicyPage")
    for row in RuleValue.objects.filter(policy__isnull=True):
        policy = PolicyPage.objects.filter(city_id=row.city_id).order_by("-effective_date", "-pk").first()
        if policy is None:
            row.delete()
        else:
            row.policy = policy
            row.save(update_fields=["policy"])


class Migration(migrations.Migration):
    dependencies = [
        ("policies", "0002_structured_policies"),
    ]

    operations = [
        migrations.RunPython(assign_owning_policy, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="rulevalue",
            options={
                "ordering": ["policy__city__sort_order", "policy", "key", "facility_type", "threshold"],
                "verbose_name": "规则取值",
                "verbose_name_plural": "规则取值",
            },
        ),
        migrations.RemoveConstraint(
            model_name="rulevalue",
            name="policies_rule_value_unique",
        ),
        migrations.RemoveField(
            model_name="rulevalue",
            name="city",
        ),
        migrations.AlterField(
            model_name="rulevalue",
            name="policy",
            field=models.ForeignKey(
                help_text="设定此取值的政策文件；案件按其日期适用的政策文件的取值办理",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rule_values",
                to="policies.policypage",
                verbose_name="所属政策文件",
            ),
        ),
        migrations.AddConstraint(
            model_name="rulevalue",
            constraint=models.UniqueConstraint(
                fields=("policy", "facility_type", "key", "threshold"), name="policies_rule_value_unique_in_policy"
            ),
        ),
        migrations.AlterField(
            model_name='rulevalue',
            name='key',
            field=models.CharField(choices=[('min_area_m2', '最低服务场所面积（㎡）'), ('min_staff', '最低工作人员数'), ('min_months_for_performance', '绩效考核前须运营的月数'), ('one_time_by_area', '一次性运维补助（元），面积大于门槛（0 表示从最低面积起）'), ('stars_by_score', '星级，得分达到门槛'), ('subsidy_by_stars', '绩效补助（元），按星级（门槛为星级）'), ('subsidy_by_score', '绩效补助（元），得分达到门槛'), ('staff_points', '第2项得分，工作人员数达到门槛'), ('postings_points', '第4项得分，年发布岗位数达到门槛'), ('recommendation_points', '第7项得分，人均推荐次数达到门槛'), ('placement_base', '第9项基准：月均成功就业人数'), ('placement_base_points', '第9项基准得分'), ('placement_points_per_extra', '第9项每多1人加分'), ('placement_points_below_base', '第9项低于基准时每人得分'), ('placement_cap', '第9项满分'), ('honor_points', '第16项每项荣誉得分（门槛：1国家级 2省级 3市级 4县级）'), ('honor_cap', '第16项满分'), ('honor_years', '第16项计入近几年的荣誉（年）'), ('score_decimals', '总分对照分数段前保留的小数位数（四舍五入）'), ('recommendation_share', '第7项须达到推荐次数的登记求职人员比例（%）'), ('placement_fractions', '第9项超出基准的不足1人部分：0 不计分，1 按比例计分')], max_length=40, verbose_name='规则'),
        ),
    ]
