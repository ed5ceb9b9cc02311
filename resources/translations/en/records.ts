<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CertificateDatesBox</name>
    <message>
        <source>证书日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangeReasonRow</name>
    <message>
        <source>修改原因（必填）：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择或填写修改原因，将记入修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写修改原因</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CropView</name>
    <message>
        <source>照片裁剪框</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拖动框内移动，拖动四角缩放（比例固定 25:35）；方向键移动，+/− 或滚轮缩放</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>未填写</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>编辑人员信息 — {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>持有 A 证（主要负责人）：“职务”和“技术职称”为必填项，补充后方可生成新版证书。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>照片（1 寸，25×35 mm）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存 (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取消 (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}&#x3000;{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在处理照片…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 {0} 处需要更正，更正后才能保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>尚未修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请填写修改原因后保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可以保存：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 的日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存被拒绝，没有写入任何修改：
{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>记录已被修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}

在您编辑期间，这条记录已在别处被修改（另一个窗口、导入或同步）。将重新载入最新内容，请核对后重新修改。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法重新载入</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃修改？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有尚未保存的修改。放弃这些修改并关闭吗？</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>时间</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原值 → 新值</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（整条记录）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}（证书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>时间：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作员：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>对象：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>项目：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原值：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新值：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>原因：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>来源：{0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistorySection</name>
    <message>
        <source>暂无修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法读取修改记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>修改记录（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonFields</name>
    <message>
        <source>个人信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 位身份证号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>11 位手机号码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18 位统一社会信用代码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A 证持有人必填</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoWidget</name>
    <message>
        <source>拖动裁剪框选取头像（25:35）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴剪贴板中的图片或图片文件（Ctrl+V）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还原</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃对照片的修改</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>粘贴照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>也可将照片文件拖放到此处</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>图片文件 ({0});;所有文件 (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>文件“{0}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剪贴板</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剪贴板图片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剪贴板中没有图片。请先复制一张照片（或照片文件），再粘贴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拖放的图片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取{0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}：{1}×{2} 像素。拖动裁剪框选取头像（25:35）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在生成证件照…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新照片：{kb:.1f} KB，{w}×{h} 像素，{dpi} dpi（保存后生效）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未能生成证件照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法处理该图片：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>将删除照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>保存后删除照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无照片</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前照片：{0:.1f} KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可选择文件、粘贴或拖放照片</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
